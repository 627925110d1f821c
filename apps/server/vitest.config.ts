import { serverTests, testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'server', include: ['test/**/*.test.ts'], ...serverTests });
