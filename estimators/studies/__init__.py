"""Studies built on the estimators: they fit methods, never implement one.

* :mod:`.comparison` - every estimator against the R packages' reference values;
* :mod:`.coverage` - coverage of the intervals on data simulated from a known N;
* :mod:`.sensitivity` - dropping each list; several methods side by side;
* :mod:`.compare` - every applicable method side by side (``removals compare``);
* :mod:`.consistency` - internal consistency: each list as a population of known size;
* :mod:`.example_data` - SYNTHETIC example datasets for the reports and tests;
* :mod:`.main_job` - ``removals run``: the pinned data verified and estimated.
"""
