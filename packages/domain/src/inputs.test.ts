import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createListingInput, signUpInput } from './inputs.ts';

const messages = (schema: z.ZodType, input: unknown): Record<string, string[] | undefined> => {
  const result = schema.safeParse(input);
  return result.success ? {} : z.flattenError(result.error).fieldErrors;
};

describe('validation messages a person understands', () => {
  it('names each listing field in words, and never prints the list of codes', () => {
    const errors = messages(createListingInput, { title: 'Al', partCategory: 'enginez', condition: '', priceCents: Number.NaN, currency: 'XXX', vehicleMake: '', vehicleModel: 'Golf' });
    expect(errors).toEqual({
      title: ['Must be at least 3 characters'],
      partCategory: ['Choose a category'],
      condition: ['Choose the condition'],
      priceCents: [expect.stringMatching(/^Enter the price as a number, e\.g\. 45 or 45\.50/)],
      currency: ['Choose a currency'],
      vehicleMake: ['Required'],
    });
    expect(JSON.stringify(errors)).not.toMatch(/expected one of|Invalid option|"engine"/);
  });

  it('says "Required" for a missing field and what kind of value it wanted for a wrong one', () => {
    const errors = messages(signUpInput, { username: 'someone', email: 'a@example.com', password: 42, role: 'admin' });
    expect(errors.displayName).toEqual(['Required']);
    expect(errors.password).toEqual(['Must be text']);
    expect(errors.role).toEqual(['Choose whether you buy or sell']);
  });
});
