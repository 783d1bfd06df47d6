/**
 * The Facebook relay (functions/relay/lambda.ts): one function drains the events outbox
 * from the table stream, another sweeps the retries that wait for their backoff time.
 */
import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from './app-function.js';

export interface EventsRelayProps {
  table: ITable;
  pageTokenSecret: ISecret;
  facebookPageId: string;
  publicBaseUrl: string;
}

export class EventsRelay extends Construct {
  readonly streamFunction: AppFunction;
  readonly sweepFunction: AppFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: EventsRelayProps) {
    super(scope, id);
    const relay = (fid: string, handler: string, description: string) =>
      new AppFunction(this, fid, {
        entry: 'functions/relay/lambda.ts',
        handler,
        description,
        timeout: Duration.seconds(60),
        environment: { FACEBOOK_PAGE_ID: props.facebookPageId, PUBLIC_BASE_URL: props.publicBaseUrl },
      })
        .bindTable({ table: props.table, accessMode: 'readWrite' })
        .bindSecret({ secret: props.pageTokenSecret, envName: 'FACEBOOK_PAGE_TOKEN_SECRET_ARN' });

    this.streamFunction = relay('StreamFunction', 'handler', 'Relais Facebook : file d’envoi lue sur le flux de la table');
    this.sweepFunction = relay('SweepFunction', 'sweepHandler', 'Relais Facebook : reprise des envois différés');

    // Batches that still fail after the retries land here instead of vanishing.
    this.deadLetters = new Queue(this, 'DeadLetters', { retentionPeriod: Duration.days(14), encryption: QueueEncryption.SQS_MANAGED });
    this.streamFunction.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        // Only the failed records are retried (the handler returns batchItemFailures);
        // a failing batch is split to isolate a poison record.
        reportBatchItemFailures: true,
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(24),
        onFailure: new SqsDlq(this.deadLetters),
        // Only pending Facebook outbox items wake the function (keys.eventRelay): no cost for other writes.
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.or('INSERT', 'MODIFY'),
            dynamodb: {
              Keys: { pk: { S: FilterRule.beginsWith('event#') }, sk: { S: FilterRule.isEqual('relay#facebook') } },
              NewImage: { status: { S: FilterRule.isEqual('pending') } },
            },
          }),
        ],
      }),
    );

    new Schedule(this, 'SweepSchedule', {
      description: 'Reprise des envois Facebook différés',
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: new LambdaInvoke(this.sweepFunction, {}),
    });
  }
}
