/**
 * Sends plain-text e-mails through Amazon SES (API v2). `SES_ENDPOINT` points the client
 * at a local fake in tests; nothing here runs unless `SES_FROM` is set.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface EmailSender {
  from: string;
  send(message: EmailMessage): Promise<void>;
}

export function sesEmailSender(opts: { from: string; endpoint?: string; region?: string }): EmailSender {
  const client = new SESv2Client({
    region: opts.region ?? process.env.AWS_REGION ?? 'eu-west-3',
    maxAttempts: 3,
    ...(opts.endpoint ? { endpoint: opts.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return {
    from: opts.from,
    async send(m) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: opts.from,
          Destination: { ToAddresses: [m.to] },
          Content: { Simple: { Subject: { Data: m.subject, Charset: 'UTF-8' }, Body: { Text: { Data: m.text, Charset: 'UTF-8' } } } },
        }),
      );
    },
  };
}

/** The sender the environment asks for, or none (no e-mail is sent without `SES_FROM`). */
export function emailSenderFromEnv(env: NodeJS.ProcessEnv): EmailSender | undefined {
  const from = env.SES_FROM?.trim();
  if (!from) return undefined;
  return sesEmailSender({ from, endpoint: env.SES_ENDPOINT || undefined, region: env.SES_REGION || undefined });
}
