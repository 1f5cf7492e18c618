import { projectTestConfig } from '../../tools/vitest/preset.mts';

// Checks of the deployment artefacts: charts, their values against their schemas, dashboards.
export default projectTestConfig(import.meta.dirname);
