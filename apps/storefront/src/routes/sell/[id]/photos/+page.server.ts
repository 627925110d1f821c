import { error } from '@sveltejs/kit';
import { isPhotoAngle } from '@carparts/domain';
import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const listing = await serverApi(event).listings.get({ id: event.params.id }).catch(errorFrom);
  if (!listing.isMine) error(403, 'This listing belongs to another seller');
  return { listing, created: event.url.searchParams.has('created') };
};

const angleOf = (value: FormDataEntryValue | null) => (isPhotoAngle(value) ? value : null);

export const actions: Actions = {
  /** Without JavaScript: every chosen file in one post, uploaded one by one. */
  upload: async (event) => {
    const data = await event.request.formData();
    const files = data.getAll('file').filter((f): f is File => f instanceof File && f.size > 0);
    if (files.length === 0) return { uploadError: 'Choose at least one photo' };
    const api = serverApi(event);
    let uploaded = 0;
    for (const file of files) {
      const form = new FormData();
      form.set('listingId', event.params.id);
      form.set('file', file, file.name);
      try {
        await api.photos.upload(form);
        uploaded++;
      } catch (err) {
        const failure = failFrom(err);
        return { uploadError: `${file.name}: ${failure.data.message}`, uploaded };
      }
    }
    return { uploaded };
  },
  update: async (event) => {
    const data = await event.request.formData();
    try {
      const caption = String(data.get('caption') ?? '').trim();
      const photoId = String(data.get('photoId'));
      await serverApi(event).photos.update({ photoId, caption: caption || null, angle: angleOf(data.get('angle')) });
      return { saved: photoId };
    } catch (err) {
      return failFrom(err);
    }
  },
  primary: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).photos.setPrimary({ photoId: String(data.get('photoId')) });
      return { updated: true };
    } catch (err) {
      return failFrom(err);
    }
  },
  remove: async (event) => {
    const data = await event.request.formData();
    try {
      await serverApi(event).photos.remove({ photoId: String(data.get('photoId')) });
      return { removed: true };
    } catch (err) {
      return failFrom(err);
    }
  },
};
