import type { Duration } from 'aws-cdk-lib';
import { Rule, type Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue.js';
import type { MiranteFunction } from './mirante-function.js';

/** Properties of {@link ScheduledInvocation}. */
export interface ScheduledInvocationProps {
  readonly target: MiranteFunction;
  readonly schedule: Schedule;
  readonly description: string;
  /** Drop an invocation that could not start within this age (the next run covers it). */
  readonly maxEventAge: Duration;
}

/**
 * Runs a function on an EventBridge schedule. The work is idempotent, so a run that fails is
 * retried once and then recorded in a dead-letter queue (both failed deliveries and failed
 * executions), where an alarm can watch it; the next scheduled run catches up.
 */
export class ScheduledInvocation extends Construct {
  /** The EventBridge schedule rule. */
  readonly rule: Rule;
  /** Failed deliveries and failed runs land here. */
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: ScheduledInvocationProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(
      this,
      'DeadLetters',
      `scheduled ${props.target.node.id} runs (EventBridge target DLQ and Lambda on-failure destination)`,
    );
    props.target.function.configureAsyncInvoke({
      retryAttempts: 1,
      maxEventAge: props.maxEventAge,
      onFailure: new SqsDestination(this.deadLetters),
    });
    this.rule = new Rule(this, 'Rule', {
      description: props.description,
      schedule: props.schedule,
      targets: [
        new LambdaFunction(props.target.function, {
          retryAttempts: 2,
          maxEventAge: props.maxEventAge,
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
  }
}
