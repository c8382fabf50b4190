// GET /api/v1/classification/settings and PUT {effectiveFrom, percent, base}: the cap on "xuất sắc"
// (setting classification.excellentCap, unconfirmed; default 20 % of those rated "hoàn thành tốt").
import { apiRoute, readJson } from "@/lib/api/handler";
import { getCapSetting, saveCapSetting } from "@/lib/classification/settings";

export const GET = apiRoute(async ({ user }) => ({ body: await getCapSetting(user) }));

export const PUT = apiRoute(async ({ request, user, requestId }) => ({ body: await saveCapSetting(user, await readJson(request), { requestId }) }));
