import type { Session, SessionUser } from '@carparts/auth';

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
