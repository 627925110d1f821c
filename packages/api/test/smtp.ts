import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free port that keeps what it accepts, and refuses recipients while told to. */
export class TestSmtp {
  received: ParsedMail[] = [];
  refusing = new Set<string>();
  private server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (this.refusing.has(address.address)) return callback(Object.assign(new Error('Mailbox busy, try later'), { responseCode: 450 }));
      callback();
    },
    onData: (stream, _session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          this.received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  url = '';
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
  to(address: string) {
    return this.received.filter((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value.some((v) => v.address === address));
  }
}
