// Vietnamese personal names for the demo data. Family-name weights roughly follow published
// frequencies (Nguyễn ≈ 38 %, Trần ≈ 11 %, Lê ≈ 9.5 % …); middle and given names depend on gender.
import type { Gender } from "@/lib/generated/prisma/enums";
import type { Random } from "@/lib/seed/random";

export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ["Nguyễn", 38],
  ["Trần", 11],
  ["Lê", 9.5],
  ["Phạm", 7],
  ["Hoàng", 3.2],
  ["Huỳnh", 1.9],
  ["Phan", 4.5],
  ["Vũ", 2.4],
  ["Võ", 1.6],
  ["Đặng", 2.1],
  ["Bùi", 2],
  ["Đỗ", 1.4],
  ["Hồ", 1.3],
  ["Ngô", 1.3],
  ["Dương", 1],
  ["Lý", 0.5],
  ["Đào", 0.6],
  ["Đinh", 0.6],
  ["Trịnh", 0.5],
  ["Lương", 0.4],
  ["Mai", 0.4],
  ["Cao", 0.4],
  ["Lâm", 0.3],
  ["Tạ", 0.3],
  ["Hà", 0.3],
  ["Chu", 0.2],
  ["Kiều", 0.2],
  ["Tô", 0.2],
];

/** Family names common among ethnic minorities of the northern uplands (Tày, Nùng, Thái, Mường, Dao). */
export const MINORITY_FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ["Nông", 3],
  ["Hoàng", 3],
  ["Lò", 2],
  ["Lường", 1.5],
  ["Triệu", 1.5],
  ["Hà", 2],
  ["Đinh", 2],
  ["Bùi", 2],
  ["Quách", 1],
  ["Lục", 1],
  ["Vi", 1],
  ["Sầm", 0.5],
];

export const KNOWN_FAMILY_NAMES: ReadonlySet<string> = new Set([
  ...FAMILY_NAMES.map(([name]) => name),
  ...MINORITY_FAMILY_NAMES.map(([name]) => name),
]);

const MALE_MIDDLE: readonly (readonly [string, number])[] = [
  ["Văn", 30],
  ["Đức", 8],
  ["Hữu", 7],
  ["Minh", 8],
  ["Quang", 6],
  ["Công", 5],
  ["Xuân", 4],
  ["Thanh", 4],
  ["Quốc", 5],
  ["Trọng", 3],
  ["Tiến", 3],
  ["Đình", 5],
  ["Ngọc", 3],
  ["Mạnh", 2],
  ["Bá", 2],
  ["Anh", 2],
  ["Hoàng", 2],
  ["Thế", 2],
];

const FEMALE_MIDDLE: readonly (readonly [string, number])[] = [
  ["Thị", 52],
  ["Ngọc", 7],
  ["Thu", 6],
  ["Thanh", 6],
  ["Hồng", 5],
  ["Kim", 4],
  ["Phương", 3],
  ["Minh", 3],
  ["Bích", 3],
  ["Thúy", 3],
  ["Diệu", 2],
  ["Hoài", 2],
  ["Khánh", 2],
  ["Quỳnh", 2],
];

/** Second middle name after "Thị" (Nguyễn Thị Thu Hà). */
const FEMALE_SECOND_MIDDLE = ["Thu", "Ngọc", "Thanh", "Kim", "Hồng", "Minh", "Phương"] as const;

const MALE_GIVEN = [
  "Anh", "Bình", "Cường", "Chiến", "Công", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hậu",
  "Hiếu", "Hiệp", "Hòa", "Hoàng", "Hùng", "Hưng", "Huy", "Khang", "Khánh", "Khoa", "Kiên", "Lâm",
  "Lộc", "Long", "Luân", "Minh", "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang",
  "Sơn", "Tài", "Tâm", "Thái", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn", "Trí", "Trung", "Tuấn",
  "Tùng", "Việt", "Vinh", "Vũ",
] as const;

const FEMALE_GIVEN = [
  "Anh", "Chi", "Diệp", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ",
  "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Lý", "Mai", "My", "Nga", "Ngân", "Ngọc",
  "Nhàn", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thoa", "Thu", "Thư",
  "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến",
] as const;

export function randomFullName(random: Random, gender: Gender, minority = false): string {
  const family = random.weighted(minority ? MINORITY_FAMILY_NAMES : FAMILY_NAMES);
  const middles: string[] = [];
  if (gender === "MALE") {
    middles.push(random.weighted(MALE_MIDDLE));
  } else {
    const middle = random.weighted(FEMALE_MIDDLE);
    middles.push(middle);
    if (middle === "Thị" && random.chance(0.15)) middles.push(random.pick(FEMALE_SECOND_MIDDLE));
  }
  // Avoid doubled syllables such as "Thanh Thanh" or "Hoàng Hoàng".
  let given: string;
  do {
    given = random.pick(gender === "MALE" ? MALE_GIVEN : FEMALE_GIVEN);
  } while (middles.includes(given) || given === family);
  return [family, ...middles, given].join(" ").normalize("NFC");
}
