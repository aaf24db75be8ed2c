import { branchRoutes } from "./branches.js";
import { commentRoutes } from "./comments.js";
import type { RouteDef } from "./context.js";
import { gitCommitRoutes } from "./git-commits.js";
import { gitRefRoutes } from "./git-refs.js";
import { issueEditRoutes } from "./issue-edits.js";
import { issueRoutes } from "./issues.js";
import { labelRoutes } from "./labels.js";
import { pullRoutes } from "./pulls.js";
import { repoRoutes } from "./repos.js";
import { statusRoutes } from "./statuses.js";
import { userRoutes } from "./user.js";

/** Every endpoint the fake models; anything else is an unexpected request. */
export const allRoutes: RouteDef[] = [
  ...userRoutes,
  ...repoRoutes,
  ...labelRoutes,
  ...issueRoutes,
  ...issueEditRoutes,
  ...commentRoutes,
  ...pullRoutes,
  ...statusRoutes,
  ...gitRefRoutes,
  ...gitCommitRoutes,
  ...branchRoutes,
];
