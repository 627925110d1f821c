import type { PageServerLoad } from './$types';
import { errorFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const w = event.url.searchParams.get('window');
  const window = w === 'day' || w === 'month' ? w : 'week';
  const stats = await serverApi(event).console.stats({ window }).catch(errorFrom);
  return { stats };
};
