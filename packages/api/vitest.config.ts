import { serverTests, testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'api', include: ['test/**/*.test.ts'], ...serverTests });
