/**
 * The monthly freshness digest (functions/freshness/lambda.ts): EventBridge Scheduler on
 * the 1st of each month at 08:00 Paris time. With `sesFrom`, the function may send e-mail
 * through SES from that address only.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { TimeZone } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

export interface FreshnessDigestProps {
  table: ITable;
  publicBaseUrl: string;
  /** Sender of the e-mails (a verified SES identity); unset: links only, no e-mail. */
  sesFrom?: string;
}

export class FreshnessDigest extends Construct {
  readonly function: AppFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: FreshnessDigestProps) {
    super(scope, id);
    this.function = new AppFunction(this, 'Function', {
      entry: 'functions/freshness/lambda.ts',
      description: 'Fraîcheur mensuelle : liens de vérification par lieu (et e-mails si SES_FROM)',
      timeout: Duration.minutes(2),
      retryAttempts: 0,
      environment: { PUBLIC_BASE_URL: props.publicBaseUrl, ...(props.sesFrom ? { SES_FROM: props.sesFrom } : {}) },
      // Reads the directory; writes the link keys (first use) and the « sent » markers.
    }).bindTable({ table: props.table, accessMode: 'readWrite' });
    if (props.sesFrom) {
      this.function.addToRolePolicy(
        new PolicyStatement({ actions: ['ses:SendEmail'], resources: ['*'], conditions: { StringEquals: { 'ses:FromAddress': props.sesFrom } } }),
      );
    }
    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Fraîcheur de l’annuaire : le 1er de chaque mois',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '8', day: '1', month: '*', year: '*', timeZone: TimeZone.EUROPE_PARIS }),
      target: new LambdaInvoke(this.function, { retryAttempts: 2, maxEventAge: Duration.hours(6) }),
    });
  }
}
