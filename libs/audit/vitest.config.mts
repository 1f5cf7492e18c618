import { projectTestConfig } from '../../tools/vitest/preset.mts';

export default projectTestConfig(import.meta.dirname);
