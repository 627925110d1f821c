import { testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'kit', include: ['test/**/*.test.ts'] });
