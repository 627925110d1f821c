import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const reviewed = p.get('reviewed') === 'yes' ? true : p.get('reviewed') === 'all' ? undefined : false;
  const api = serverApi(event);
  const [reports, problems, logs] = await Promise.all([
    api.console.fitmentReports({ status: p.get('reports') === 'resolved' ? 'resolved' : 'open', sort: 'oldest', limit: 25 }),
    api.console.fitmentProblems({ limit: 20 }),
    api.console.fitmentLogs({ fitmentStatus: ['does_not_fit', 'needs_review'], reviewed, listingId: p.get('listing') || undefined, cursor: p.get('cursor') || undefined, limit: 25 }),
  ]).catch(errorFrom);
  return { reports, reportsShown: p.get('reports') === 'resolved' ? 'resolved' : 'open', problems, logs, reviewed: p.get('reviewed') ?? 'no', listingId: p.get('listing') };
};

export const actions: Actions = {
  resolve: async (event) => {
    const data = await event.request.formData();
    const reportId = String(data.get('reportId') ?? '');
    try {
      await serverApi(event).console.resolveFitmentReport({ reportId, note: String(data.get('note') ?? '') });
      return { resolved: reportId };
    } catch (err) {
      return failFrom(err, { reportId });
    }
  },
  review: async (event) => {
    const data = await event.request.formData();
    const logId = String(data.get('logId') ?? '');
    try {
      await serverApi(event).console.reviewFitmentLog({ logId, note: String(data.get('note') ?? '') });
      return { reviewed: logId };
    } catch (err) {
      return failFrom(err, { logId });
    }
  },
};
