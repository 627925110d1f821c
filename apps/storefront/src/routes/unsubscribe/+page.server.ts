import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS, type NotificationKind } from '@carparts/domain';
import { failFrom, serverApi } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

/** The link of an email: `?token=…&kind=question` (or `kind=all`). */
function linkOf(url: URL) {
  const kind = url.searchParams.get('kind') ?? 'all';
  return {
    token: url.searchParams.get('token') ?? '',
    kind: (kind === 'all' || (NOTIFICATION_KINDS as readonly string[]).includes(kind) ? kind : 'all') as NotificationKind | 'all',
  };
}

const describe = (kind: NotificationKind | 'all') => (kind === 'all' ? 'every email from us' : `emails for "${NOTIFICATION_KIND_LABELS[kind]}"`);

export const load: PageServerLoad = ({ url }) => {
  const link = linkOf(url);
  // nothing changes on opening the page (link scanners open links); the button, or a mail program's POST, does it
  return { hasToken: link.token !== '', what: describe(link.kind) };
};

export const actions: Actions = {
  default: async (event) => {
    const link = linkOf(event.url);
    try {
      await serverApi(event).notifications.unsubscribe(link);
      return { done: describe(link.kind) };
    } catch (err) {
      return failFrom(err);
    }
  },
};
