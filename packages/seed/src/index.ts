export { DEMO_PASSWORD, demoAccounts, isEmpty, seedDemoData, type DemoAccount } from './demo.ts';
export { addSyntheticLogistics, seedSyntheticCatalogue } from './synthetic.ts';
export { generateListing } from './listings.ts';
export { rng, VEHICLES } from './catalog.ts';
export { printAccounts } from './print.ts';
