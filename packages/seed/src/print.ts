import { DEMO_PASSWORD, type DemoAccount } from './demo.ts';

export function printAccounts(accounts: DemoAccount[]) {
  console.log(`\nDemo accounts (password for all: ${DEMO_PASSWORD}):`);
  for (const role of ['seller', 'buyer'] as const) {
    const names = accounts.filter((a) => a.role === role).map((a) => a.username);
    console.log(`  ${role}s: ${names.join(', ')}`);
  }
  console.log('');
}
