import { testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'auth', include: ['test/**/*.test.ts'] });
