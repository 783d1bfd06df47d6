/**
 * The scheduled opening and closing of proposals (functions/decisions/lambda.ts), run by
 * EventBridge Scheduler every `intervalMinutes`. Not retried: the next run (or the first read
 * after the closing time) catches up, and a close stores its result only once.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

export interface DecisionScheduleProps {
  table: ITable;
  intervalMinutes: number;
}

export class DecisionSchedule extends Construct {
  readonly function: AppFunction;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: DecisionScheduleProps) {
    super(scope, id);
    this.function = new AppFunction(this, 'Function', {
      entry: 'functions/decisions/lambda.ts',
      description: 'Ouverture et clôture planifiées des propositions (décisions collectives)',
      timeout: Duration.minutes(1),
      retryAttempts: 0,
    }).bindTable({ table: props.table, accessMode: 'readWrite' });

    this.schedule = new Schedule(this, 'Schedule', {
      description: `Clôture des votes échus toutes les ${props.intervalMinutes} minutes`,
      schedule: ScheduleExpression.rate(Duration.minutes(props.intervalMinutes)),
      target: new LambdaInvoke(this.function, { retryAttempts: 0, maxEventAge: Duration.minutes(props.intervalMinutes) }),
    });
  }
}
