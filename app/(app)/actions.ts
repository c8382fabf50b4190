"use server";

import { signOut } from "@/lib/auth/auth";

// Deliberately not a defineAction: logging out needs no input and must also work for a user who
// still has a temporary password (defineAction refuses them).
export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
