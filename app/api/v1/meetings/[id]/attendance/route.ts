// GET /api/v1/meetings/{id}/attendance: the roll on the meeting day, the marks, guests, times and
// the figures the rules compute (P, D_att with its parts, rate, members to watch).
import { apiRoute } from "@/lib/api/handler";
import { attendanceSheetJson, getAttendanceSheet } from "@/lib/meetings/attendance";

export const GET = apiRoute<{ id: string }>(async ({ user, params }) => {
  return { body: attendanceSheetJson(await getAttendanceSheet(user, params.id)) };
});
