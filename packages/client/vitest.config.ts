import { serverTests, testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'client', include: ['test/**/*.test.ts'], ...serverTests });
