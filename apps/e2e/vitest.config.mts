import { projectTestConfig } from '../../tools/vitest/preset.mts';

// Starts the built services as processes, as `npm start` and production do.
export default projectTestConfig(import.meta.dirname);
