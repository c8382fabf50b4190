"use client";

import { Button } from "@/components/ui/button";

export function PrintButton({ label }: { label: string }) {
  return (
    <Button onClick={() => window.print()} className="w-full sm:w-auto">
      {label}
    </Button>
  );
}
