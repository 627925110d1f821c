import { testProject } from '../../vitest.shared.ts';
export default testProject({ name: 'domain', include: ['src/**/*.test.ts'] });
