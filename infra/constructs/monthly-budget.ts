import { Stack } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Properties of {@link MonthlyBudget}. */
export interface MonthlyBudgetProps {
  /** The monthly cost limit in US dollars. */
  readonly amountUsd: number;
  /** Receives the alerts (its policy must let budgets.amazonaws.com publish). */
  readonly topic: ITopic;
}

/** When the budget alerts: a percentage of the limit, of the actual or the forecast cost. */
export const BUDGET_ALERTS = [
  { notificationType: 'ACTUAL', threshold: 80 },
  { notificationType: 'FORECASTED', threshold: 100 },
] as const;

/**
 * A monthly AWS Budgets cost budget that alerts the alarm topic when the month's actual cost
 * passes 80% of the limit and when the forecast passes 100%. AWS Budgets sees the whole
 * account's cost (docs/cost.md says how to narrow it with a cost allocation tag).
 */
export class MonthlyBudget extends Construct {
  readonly budget: CfnBudget;

  constructor(scope: Construct, id: string, props: MonthlyBudgetProps) {
    super(scope, id);
    this.budget = new CfnBudget(this, 'Budget', {
      budget: {
        budgetName: `${Stack.of(this).stackName}-monthly`,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.amountUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: BUDGET_ALERTS.map((a) => ({
        notification: {
          notificationType: a.notificationType,
          comparisonOperator: 'GREATER_THAN',
          threshold: a.threshold,
          thresholdType: 'PERCENTAGE',
        },
        subscribers: [{ subscriptionType: 'SNS', address: props.topic.topicArn }],
      })),
    });
  }
}
