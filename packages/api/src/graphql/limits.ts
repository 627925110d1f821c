import { LIMITS } from '@carparts/domain';
import { createComplexityRule } from '@pothos/plugin-complexity';
import { GraphQLError, Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Depth, breadth (fields per selection, aliases included) and cost: a page's `first` multiplies what each item asks. */
export const GRAPHQL_LIMITS = { depth: 8, breadth: 120, complexity: 5000, documentChars: 20_000 } as const;

/** Mutations that run a password hash: one per operation, as a tRPC batch of ten counts ten attempts. */
const PASSWORD_MUTATIONS = new Set(['signIn', 'signUp']);

const LIMIT_CODE = 'BAD_REQUEST';
const refusal = (message: string) => new GraphQLError(message, { extensions: { code: LIMIT_CODE } });

function rootFields(context: ValidationContext, selectionSet: SelectionSetNode, seen = new Set<string>()): string[] {
  const names: string[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.push(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT) names.push(...rootFields(context, selection.selectionSet, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = context.getFragment(selection.name.value);
      if (fragment) names.push(...rootFields(context, fragment.selectionSet, seen));
    }
  }
  return names;
}

/** At most ten changes in one operation (aliases count), and at most one of them a sign-in or sign-up. */
const boundedMutations: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'mutation') return;
    const fields = rootFields(context, node.selectionSet);
    if (fields.length > LIMITS.batchSize) context.reportError(refusal(`One operation may make at most ${LIMITS.batchSize} changes, not ${fields.length}`));
    if (fields.filter((name) => PASSWORD_MUTATIONS.has(name)).length > 1) context.reportError(refusal('Sign in or sign up once per operation'));
  },
});

/**
 * The limits, checked while the operation is validated — before anything runs, and answered with HTTP 400. They
 * depend on the request's variables (`first: $n`), so validation results are not cached across requests.
 */
export function useGraphqlLimits(): Plugin {
  return {
    // a document is refused by its length before it is parsed: parsing is the one cost no later limit can bound
    onParams({ params, setResult }) {
      if ((params.query?.length ?? 0) > GRAPHQL_LIMITS.documentChars) {
        setResult({ errors: [refusal(`The query is too long: at most ${GRAPHQL_LIMITS.documentChars.toLocaleString('en')} characters`)], extensions: { http: { status: 400 } } });
      }
    },
    // validation errors are 200 for application/json clients by the GraphQL-over-HTTP spec; a refused limit is a 400
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || !('errors' in result) || 'data' in result || !result.errors?.length) return;
      if (!result.errors.some((error) => error.extensions?.code === LIMIT_CODE)) return;
      setResult({ ...result, extensions: { ...result.extensions, http: { status: 400 } } });
    },
    onValidate({ context, addValidationRule }) {
      const params = (context as { params?: { variables?: Record<string, unknown> | null; operationName?: string | null } }).params;
      addValidationRule(boundedMutations);
      addValidationRule(
        createComplexityRule({
          context,
          variableValues: params?.variables ?? {},
          operationName: params?.operationName,
          validate(result, reportError) {
            if (result.depth > GRAPHQL_LIMITS.depth) reportError(refusal(`The query is too deep: ${result.depth} levels, at most ${GRAPHQL_LIMITS.depth}`));
            if (result.breadth > GRAPHQL_LIMITS.breadth) reportError(refusal(`The query is too wide: ${result.breadth} fields in one selection, at most ${GRAPHQL_LIMITS.breadth}`));
            if (result.complexity > GRAPHQL_LIMITS.complexity) reportError(refusal(`The query is too costly: ${result.complexity}, at most ${GRAPHQL_LIMITS.complexity} (a page's size multiplies what each item asks)`));
          },
        }),
      );
    },
  };
}
