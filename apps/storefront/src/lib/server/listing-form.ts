import { DEFAULT_CURRENCY } from '@carparts/domain';
import { formInt, formPrice, formText } from './api';

/** The listing fields of a submitted form, as the API takes them; bad values pass through for the API to name. */
export function listingFromForm(data: FormData) {
  const year = formText(data, 'vehicleYear');
  return {
    title: String(data.get('title') ?? ''),
    partCategory: String(data.get('partCategory') ?? '') as never,
    condition: String(data.get('condition') ?? '') as never,
    priceCents: formPrice(data, 'price', data.get('currency')) as number,
    currency: String(data.get('currency') ?? DEFAULT_CURRENCY) as never,
    vehicleMake: String(data.get('vehicleMake') ?? ''),
    vehicleModel: String(data.get('vehicleModel') ?? ''),
    vehicleYear: year === undefined ? null : (formInt(data, 'vehicleYear') as number),
    compatibilityNotes: String(data.get('compatibilityNotes') ?? ''),
  };
}
