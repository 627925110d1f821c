import { serverTests, testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'bench', include: ['test/**/*.test.ts'], ...serverTests });
