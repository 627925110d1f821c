import type { Session, SessionUser } from '@carparts/auth';

/** What both apps' hooks put in `locals` and their error pages show; each app's src/app.d.ts imports this. */
declare global {
  namespace App {
    interface Locals {
      user: SessionUser | null;
      session: Session | null;
    }
    interface Error {
      message: string;
    }
  }
}

export {};
