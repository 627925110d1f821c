import { placesSearchInput } from '@carparts/domain';
import type { serverApi } from './api';

/** What a town field says when no town has the name typed. */
export const noTownCalled = (typed: string) => `No town called “${typed}” was found: choose one from the list`;

/**
 * The town a person typed or chose from the suggestions ("Lyon, France"), looked up in the gazetteer; null when no town
 * has that name, or when what was typed is too short or too long to be one (so it reads as "not found", not as an error).
 */
export async function findTown(api: Pick<ReturnType<typeof serverApi>, 'places'>, typed: string) {
  const query = placesSearchInput.safeParse({ q: typed, limit: 1 });
  if (!query.success) return null;
  const [place] = await api.places.search(query.data);
  return place ?? null;
}
