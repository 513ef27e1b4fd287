"""Log-linear models for multiple systems estimation.

Modules: ``design`` (terms, design matrices), ``fit`` (IRLS, single and
batched), ``existence`` (LP existence / identifiability check), ``profile``
(profile-likelihood interval), ``search`` (exhaustive and stepwise model search),
``single`` (one model to N-hat and status), ``estimators`` (the catalogued methods).
"""
