/**
 * The hourly reservation and check-in job (functions/checkin/lambda.ts): releases (or charges)
 * reservations of days gone by and confirms check-ins after 7 days. A failed run is not
 * retried: the next hour picks up whatever is left.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

export class CheckinJobs extends Construct {
  readonly function: AppFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: { table: ITable }) {
    super(scope, id);
    this.function = new AppFunction(this, 'Function', {
      entry: 'functions/checkin/lambda.ts',
      description: 'Réservations non honorées libérées, passages confirmés après 7 jours',
      timeout: Duration.minutes(2),
      retryAttempts: 0,
    }).bindTable({ table: props.table, accessMode: 'readWrite' });

    this.schedule = new Schedule(this, 'Schedule', {
      description: 'Réservations et passages à la porte : toutes les heures',
      schedule: ScheduleExpression.rate(Duration.hours(1)),
      target: new LambdaInvoke(this.function, { retryAttempts: 0, maxEventAge: Duration.hours(1) }),
    });
  }
}
