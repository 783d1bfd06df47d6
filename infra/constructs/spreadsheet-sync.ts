/**
 * The scheduled spreadsheet sync (functions/sync/lambda.ts), run by EventBridge Scheduler
 * every SYNC_INTERVAL_MINUTES. A round that fails is not retried: the next one catches up.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

export interface SpreadsheetSyncProps {
  table: ITable;
  integrationsSecret: ISecret;
  intervalMinutes: number;
  /** Plain sync settings (AIRTABLE_BASE_ID, GOOGLE_SHEETS_ID…), the same the API gets. */
  environment: Record<string, string>;
}

export class SpreadsheetSync extends Construct {
  readonly function: AppFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: SpreadsheetSyncProps) {
    super(scope, id);
    this.function = new AppFunction(this, 'Function', {
      entry: 'functions/sync/lambda.ts',
      description: 'Synchronisation des tableurs (Airtable, Google Sheets)',
      // Airtable allows 5 requests/s: a full round over every tab takes a while.
      timeout: Duration.minutes(5),
      retryAttempts: 0,
      environment: props.environment,
    })
      .bindTable({ table: props.table, accessMode: 'readWrite' })
      .bindSecret({ secret: props.integrationsSecret, envName: 'INTEGRATION_SECRET_ARN' });

    this.schedule = new Schedule(this, 'Schedule', {
      description: `Synchronisation des tableurs toutes les ${props.intervalMinutes} minutes`,
      schedule: ScheduleExpression.rate(Duration.minutes(props.intervalMinutes)),
      target: new LambdaInvoke(this.function, { retryAttempts: 0, maxEventAge: Duration.minutes(props.intervalMinutes) }),
    });
  }
}
