import { projectTestConfig } from '../../tools/vitest/preset.mts';

// Checks of the workspace itself: its lint rules, and later its charts and dashboards.
export default projectTestConfig(import.meta.dirname);
