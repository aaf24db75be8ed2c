import { actionsRoutes } from "./actions.js";
import { blobStorageRoutes } from "./blob-storage.js";
import { branchRoutes } from "./branches.js";
import { checkRoutes } from "./checks.js";
import { commentRoutes } from "./comments.js";
import type { RouteDef } from "./context.js";
import { gitCommitRoutes } from "./git-commits.js";
import { graphqlRoutes } from "./graphql.js";
import { gitRefRoutes } from "./git-refs.js";
import { issueEditRoutes } from "./issue-edits.js";
import { issueRoutes } from "./issues.js";
import { issueRelationRoutes } from "./issue-relations.js";
import { labelRoutes } from "./labels.js";
import { protectionRoutes } from "./protection.js";
import { pullRoutes } from "./pulls.js";
import { repoRoutes } from "./repos.js";
import { reviewCommentRoutes } from "./review-comments.js";
import { reviewRoutes } from "./reviews.js";
import { statusRoutes } from "./statuses.js";
import { userRoutes } from "./user.js";

/** Every endpoint the fake models; anything else is an unexpected request. First match wins. */
export const allRoutes: RouteDef[] = [
  ...userRoutes,
  ...graphqlRoutes,
  ...issueRelationRoutes,
  ...repoRoutes,
  ...labelRoutes,
  ...issueRoutes,
  ...issueEditRoutes,
  ...commentRoutes,
  ...pullRoutes,
  ...reviewRoutes,
  ...reviewCommentRoutes,
  ...statusRoutes,
  ...checkRoutes,
  ...actionsRoutes,
  ...gitRefRoutes,
  ...gitCommitRoutes,
  // Before the branch routes, whose `*branch` would swallow "main/protection".
  ...protectionRoutes,
  ...branchRoutes,
  ...blobStorageRoutes,
];
