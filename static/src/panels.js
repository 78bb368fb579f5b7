// The change page's relations panels (orderkit/admin/change_form.html). Their controls are
// forms of their own, so the page renders them after the admin's form, which a form cannot
// hold in its markup; a script may nest them, so they go where they belong in the page's
// layout: with the form's fieldsets and inlines, right before its bottom submit row.
export function placeRelationPanels(doc) {
  const panels = doc.querySelectorAll("[data-orderkit-panel]");
  const rows = doc.querySelectorAll("#content-main form .submit-row");
  const row = rows[rows.length - 1];
  if (!row) return;
  for (const panel of panels) row.before(panel);
}
