import { NotFoundView } from "@/components/errors/not-found-view";

// notFound() from a page of the signed-in area: answered inside the frame.
export default function AppNotFound() {
  return <NotFoundView />;
}
