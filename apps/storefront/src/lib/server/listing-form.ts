import { formInt, formPrice, formText } from './api';

/**
 * The listing fields of a submitted form, before validation: the price read in the form's currency, the year as a
 * number (blank means any year). The caller parses them with the domain's listing schema.
 */
export function listingFromForm(data: FormData) {
  const year = formText(data, 'vehicleYear');
  return {
    title: formText(data, 'title') ?? '',
    partCategory: formText(data, 'partCategory'),
    condition: formText(data, 'condition'),
    priceCents: formPrice(data, 'price', data.get('currency')),
    currency: formText(data, 'currency'),
    vehicleMake: formText(data, 'vehicleMake') ?? '',
    vehicleModel: formText(data, 'vehicleModel') ?? '',
    vehicleYear: year === undefined ? null : formInt(data, 'vehicleYear'),
    compatibilityNotes: formText(data, 'compatibilityNotes') ?? '',
  };
}
