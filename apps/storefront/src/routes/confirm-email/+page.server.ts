import { failFrom, serverApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

const tokenOf = (url: URL) => url.searchParams.get('token') ?? '';

export const load: PageServerLoad = ({ url }) => {
  // nothing changes on opening the page (link scanners open links); the button does it
  return { hasToken: tokenOf(url) !== '' };
};

export const actions: Actions = {
  default: async (event) => {
    try {
      await serverApi(event).auth.confirmEmail({ token: tokenOf(event.url) });
      return { confirmed: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};
