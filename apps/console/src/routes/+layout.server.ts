import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user?.role === 'operator' ? { displayName: locals.user.displayName, username: locals.user.username } : null,
});
