import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, formText, parseForm, serverApi, typedValues } from '$lib/server/api';
import { distanceKm, roundedKm, vehicleInput } from '@carparts/domain';
import { myVehicle, rememberVehicle, vehicleFromForm } from '$lib/server/vehicle';

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  const listing = await api.listings.get({ id: event.params.id }).catch(errorFrom);
  const vehicle = await myVehicle(event);
  const nearParam = event.url.searchParams.get('near');
  const [fit, myPurchase, watched, me, near] = await Promise.all([
    vehicle ? api.fitment.preview({ listingId: listing.id, ...vehicle }).catch(() => null) : Promise.resolve(null),
    event.locals.user?.role === 'buyer'
      ? api.purchases.mine({ as: 'buyer', limit: 50 }).then((p) => p.items.find((i) => i.listingId === listing.id && (i.status === 'reserved' || i.status === 'completed')) ?? null)
      : Promise.resolve(null),
    event.locals.user && !listing.isMine ? api.watchlist.list({ listingId: listing.id }).then((w) => w.items.length > 0) : Promise.resolve(null),
    event.locals.user ? api.auth.me() : Promise.resolve(null),
    nearParam && /^\d+$/.test(nearParam) ? api.places.get({ placeId: Number(nearParam) }).catch(() => null) : Promise.resolve(null),
  ]);
  // the distance from where the shopper searched, else from where they live
  const from = near ? { lat: near.lat, lon: near.lon, label: near.label } : me?.location ? { lat: me.location.lat, lon: me.location.lon, label: me.location.city } : null;
  const distance = from && listing.location ? { km: roundedKm(distanceKm(from, listing.location)), from: from.label } : null;
  // what the reservation form starts from: the buyer's own name and country
  const buyer = me && { name: me.displayName, country: me.location?.country ?? null };
  // whether the buyer has said if it fit: asked only of the buyer of a completed purchase
  const myReport = myPurchase?.status === 'completed' ? ((await api.fitment.myReports()).find((r) => r.purchaseId === myPurchase.id) ?? null) : null;
  return { listing, vehicle, fit, myPurchase, myReport, watched, distance, buyer };
};

const signInFirst = (event: { url: URL; locals: App.Locals }) => {
  if (!event.locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(event.url.pathname)}`);
};

export const actions: Actions = {
  checkFitment: async (event) => {
    const data = await event.request.formData();
    const values = typedValues(data);
    const form = parseForm(vehicleInput, vehicleFromForm(data), values);
    if (!form.ok) return form.failure;
    const vehicle = form.value;
    try {
      const api = serverApi(event);
      if (event.locals.user?.role === 'buyer') {
        const log = await api.fitment.check({ listingId: event.params.id, ...vehicle });
        if (data.get('remember') === 'on') await rememberVehicle(event, vehicle);
        return { fitment: { fitmentStatus: log.fitmentStatus, notes: log.notes, recorded: true }, checked: vehicle };
      }
      const preview = await api.fitment.preview({ listingId: event.params.id, ...vehicle });
      if (data.get('remember') === 'on') await rememberVehicle(event, vehicle);
      return { fitment: { fitmentStatus: preview.fitmentStatus, notes: preview.notes, recorded: false }, checked: vehicle };
    } catch (err) {
      return failFrom(err, values);
    }
  },

  watch: async (event) => {
    signInFirst(event);
    try {
      await serverApi(event).watchlist.add({ listingId: event.params.id });
      return { watching: true };
    } catch (err) {
      return failFrom(err);
    }
  },

  unwatch: async (event) => {
    signInFirst(event);
    try {
      await serverApi(event).watchlist.remove({ listingId: event.params.id });
      return { watching: false };
    } catch (err) {
      return failFrom(err);
    }
  },

  ask: async (event) => {
    signInFirst(event);
    const data = await event.request.formData();
    try {
      await serverApi(event).inquiries.create({ listingId: event.params.id, message: String(data.get('message') ?? '') });
      return { asked: true };
    } catch (err) {
      return failFrom(err, Object.fromEntries(data));
    }
  },

  reportFit: async (event) => {
    signInFirst(event);
    const data = await event.request.formData();
    try {
      const note = String(data.get('note') ?? '').trim();
      await serverApi(event).fitment.report({ purchaseId: String(data.get('purchaseId') ?? ''), fit: data.get('fit') !== 'no', note: note || undefined });
      return { reported: true };
    } catch (err) {
      return failFrom(err);
    }
  },

  reserve: async (event) => {
    signInFirst(event);
    const data = await event.request.formData();
    const values = typedValues(data);
    const fulfilment = data.get('fulfilment') === 'shipping' ? 'shipping' : data.get('fulfilment') === 'pickup' ? 'pickup' : undefined;
    const shipTo =
      fulfilment === 'shipping'
        ? {
            name: formText(data, 'shipName') ?? '',
            line1: formText(data, 'shipLine1') ?? '',
            line2: formText(data, 'shipLine2') ?? null,
            postalCode: formText(data, 'shipPostalCode') ?? '',
            city: formText(data, 'shipCity') ?? '',
            country: formText(data, 'shipCountry') ?? '',
          }
        : undefined;
    try {
      const purchase = await serverApi(event).purchases.reserve({ listingId: event.params.id, fulfilment, shipTo });
      return { reserved: purchase.expiresAt.toISOString() };
    } catch (err) {
      return failFrom(err, { ...values, form: 'reserve' });
    }
  },
};
