import { testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'db', include: ['test/**/*.test.ts'] });
