#include "sql/optimizer/disjunctions.h"

#include "sql/optimizer/conjuncts.h"

namespace boyodb::sql {

namespace {

void SplitDisjuncts(const BoundExprPtr& condition, std::vector<BoundExprPtr>* out) {
  if (condition->kind == BoundKind::kOr) {
    for (const BoundExprPtr& child : condition->children) SplitDisjuncts(child, out);
    return;
  }
  out->push_back(condition);
}

BoundExprPtr Disjunction(std::vector<BoundExprPtr> disjuncts) {
  if (disjuncts.size() == 1) return disjuncts.front();
  auto disjunction = std::make_shared<BoundExpr>();
  disjunction->kind = BoundKind::kOr;
  disjunction->type = types::DataType::Boolean();
  disjunction->children = std::move(disjuncts);
  return disjunction;
}

bool Contains(const std::vector<BoundExprPtr>& exprs, const BoundExpr& wanted) {
  for (const BoundExprPtr& expr : exprs) {
    if (SameExpr(*expr, wanted)) return true;
  }
  return false;
}

// The branches of an OR, each as its list of conjuncts.
std::vector<std::vector<BoundExprPtr>> Branches(const BoundExprPtr& disjunction) {
  std::vector<BoundExprPtr> disjuncts;
  SplitDisjuncts(disjunction, &disjuncts);
  std::vector<std::vector<BoundExprPtr>> branches(disjuncts.size());
  for (size_t i = 0; i < disjuncts.size(); ++i) SplitConjuncts(disjuncts[i], &branches[i]);
  return branches;
}

}  // namespace

void FactorDisjunctions(std::vector<BoundExprPtr>* conjuncts) {
  std::vector<BoundExprPtr> out;
  for (BoundExprPtr& conjunct : *conjuncts) {
    if (conjunct->kind != BoundKind::kOr) {
      out.push_back(std::move(conjunct));
      continue;
    }
    std::vector<std::vector<BoundExprPtr>> branches = Branches(conjunct);
    std::vector<BoundExprPtr> shared;
    for (const BoundExprPtr& candidate : branches.front()) {
      bool everywhere = !Contains(shared, *candidate);
      for (size_t b = 1; b < branches.size() && everywhere; ++b) {
        everywhere = Contains(branches[b], *candidate);
      }
      if (everywhere) shared.push_back(candidate);
    }
    if (shared.empty()) {
      out.push_back(std::move(conjunct));
      continue;
    }
    std::vector<BoundExprPtr> rests;
    bool some_branch_empty = false;
    for (const std::vector<BoundExprPtr>& branch : branches) {
      std::vector<BoundExprPtr> rest;
      for (const BoundExprPtr& term : branch) {
        if (!Contains(shared, *term)) rest.push_back(term);
      }
      some_branch_empty = some_branch_empty || rest.empty();
      rests.push_back(Conjunction(std::move(rest)));
    }
    for (BoundExprPtr& term : shared) out.push_back(std::move(term));
    // A branch left with nothing is TRUE, and so is the OR of the rests.
    if (!some_branch_empty) out.push_back(Disjunction(std::move(rests)));
  }
  *conjuncts = std::move(out);
}

BoundExprPtr ImpliedDisjunction(const BoundExpr& disjunction,
                                const std::function<bool(const BoundExpr&)>& selected) {
  if (disjunction.kind != BoundKind::kOr) return nullptr;
  std::vector<BoundExprPtr> implied;
  for (const std::vector<BoundExprPtr>& branch :
       Branches(std::make_shared<BoundExpr>(disjunction))) {
    std::vector<BoundExprPtr> picked;
    for (const BoundExprPtr& term : branch) {
      if (selected(*term)) picked.push_back(term);
    }
    if (picked.empty()) return nullptr;
    implied.push_back(Conjunction(std::move(picked)));
  }
  return Disjunction(std::move(implied));
}

}  // namespace boyodb::sql
