/**
 * A reviewer's task decided with the decision and opinion only: the inbox shows no task form and
 * completes the task with the decision's own variables. The packages name such a task's form key
 * `review` (a package may still register a form of that name, which is then shown). Plain data, no
 * Node imports: the designer's live linting reads it too.
 */
export const DECISION_ONLY_FORM_KEY = 'review';

/** What completing a user task sets beside the form's data (InboxService.complete, the scenario runner). */
export const DECISION_VARIABLES: ReadonlySet<string> = new Set(['decision', 'opinion', 'reviewer', 'reviewerId', 'completedAt']);

/**
 * What a process has from its start, whichever task reads it: an application's
 * (ApplicationService.processVariables and its operations) and a reviewer's own case (CaseRequestService).
 */
export const START_VARIABLES: ReadonlySet<string> = new Set([
  'applicationId', 'packageHash', 'applicantAccountId', 'application', 'recommender', 'organisation', 'provinceCode', 'parameters',
  'submittedOn', 'registrationWindow', 'action', 'main', 'request', 'requestForm', 'requester',
]);
