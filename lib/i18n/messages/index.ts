// The Vietnamese catalog, one file per namespace so that features add words without touching each
// other's files. The object below is the whole catalog; its type checks every t("…") key.
import app from "./vi/app.json";
import common from "./vi/common.json";
import format from "./vi/format.json";
import nav from "./vi/nav.json";
import header from "./vi/header.json";
import roles from "./vi/roles.json";
import roleList from "./vi/role-list.json";
import orgKind from "./vi/org-kind.json";
import orgCategory from "./vi/org-category.json";
import login from "./vi/login.json";
import home from "./vi/home.json";
import org from "./vi/org.json";
import orgDetail from "./vi/org-detail.json";
import orgServer from "./vi/org-server.json";
import account from "./vi/account.json";
import authServer from "./vi/auth-server.json";
import orgAdmin from "./vi/org-admin.json";
import picker from "./vi/picker.json";
import users from "./vi/users.json";
import accountsServer from "./vi/accounts-server.json";
import audit from "./vi/audit.json";
import members from "./vi/members.json";
import errors from "./vi/errors.json";
import serverErrors from "./vi/server-errors.json";
import apiServer from "./vi/api-server.json";
import storageServer from "./vi/storage-server.json";
import opsServer from "./vi/ops-server.json";
import rosterImport from "./vi/roster-import.json";
import meetings from "./vi/meetings.json";
import meetingsServer from "./vi/meetings-server.json";
import meetingsRules from "./vi/meetings-rules.json";
import outputs from "./vi/outputs.json";
import preparation from "./vi/preparation.json";
import record from "./vi/record.json";
import rubrics from "./vi/rubrics.json";
import scoring from "./vi/scoring.json";
import scorecard from "./vi/scorecard.json";
import scoringRules from "./vi/scoring-rules.json";
import ruleSetsServer from "./vi/rule-sets-server.json";
import oversight from "./vi/oversight.json";
import oversightServer from "./vi/oversight-server.json";
import dashboard from "./vi/dashboard.json";
import review from "./vi/review.json";
import backup from "./vi/backup.json";
import classification from "./vi/classification.json";
import classificationRules from "./vi/classification-rules.json";
import classificationServer from "./vi/classification-server.json";
import documentsServer from "./vi/documents-server.json";
import settings from "./vi/settings.json";
import dues from "./vi/dues.json";

const messages = {
  app,
  common,
  format,
  nav,
  header,
  roles,
  roleList,
  orgKind,
  orgCategory,
  login,
  home,
  org,
  orgDetail,
  orgServer,
  account,
  authServer,
  orgAdmin,
  picker,
  users,
  accountsServer,
  audit,
  members,
  errors,
  serverErrors,
  apiServer,
  storageServer,
  opsServer,
  rosterImport,
  meetings,
  meetingsServer,
  meetingsRules,
  outputs,
  preparation,
  record,
  rubrics,
  scoring,
  scorecard,
  scoringRules,
  ruleSetsServer,
  oversight,
  oversightServer,
  dashboard,
  review,
  backup,
  classification,
  classificationRules,
  classificationServer,
  documentsServer,
  settings,
  dues,
};

export type Messages = typeof messages;
export default messages;
