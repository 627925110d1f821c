import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { serverApi } from '$lib/server/api';

export const load: PageServerLoad = () => redirect(303, '/');
export const actions: Actions = {
  default: async (event) => {
    await serverApi(event).auth.signOut();
    redirect(303, '/signin');
  },
};
