import { failFrom, serverApi } from '$lib/server/api';
import type { Actions } from './$types';

/** The file's text: from the chosen file on the first step, from the page itself when the checked file is imported. */
async function fileText(data: FormData): Promise<string> {
  const file = data.get('file');
  if (file instanceof File && file.size > 0) return new TextDecoder('utf-8').decode(await file.arrayBuffer());
  return String(data.get('csv') ?? '');
}

export const actions: Actions = {
  check: async (event) => {
    const data = await event.request.formData();
    const csv = await fileText(data);
    try {
      return { checked: await serverApi(event).listings.importCsv({ csv, dryRun: true }), csv };
    } catch (err) {
      return failFrom(err);
    }
  },
  import: async (event) => {
    const data = await event.request.formData();
    const csv = await fileText(data);
    try {
      return { imported: await serverApi(event).listings.importCsv({ csv, dryRun: false }), csv };
    } catch (err) {
      return failFrom(err);
    }
  },
};
