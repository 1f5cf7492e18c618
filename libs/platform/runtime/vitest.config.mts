import { projectTestConfig } from '../../../tools/vitest/preset.mts';

// The runtime is exercised over real NATS by platform-service-harness, which builds on it.
export default projectTestConfig(import.meta.dirname, { passWithNoTests: true });
