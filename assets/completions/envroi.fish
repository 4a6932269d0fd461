# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_envroi_global_optspecs
    string join \n h/help V/version
end

function __fish_envroi_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_envroi_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_envroi_using_subcommand
    set -l cmd (__fish_envroi_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c envroi -n "__fish_envroi_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_needs_command" -s V -l version -d 'Print version'
complete -c envroi -n "__fish_envroi_needs_command" -a "check" -d 'Validate scenario files; one line per problem on stderr'
complete -c envroi -n "__fish_envroi_needs_command" -a "report" -d 'Print a summary of both views; write the monthly table, summary and chart'
complete -c envroi -n "__fish_envroi_needs_command" -a "compare" -d 'Compare scenarios: the risk-adjusted figures side by side'
complete -c envroi -n "__fish_envroi_needs_command" -a "sensitivity" -d 'Sensitivity of the risk-adjusted NPV to each uncertainty range (a tornado)'
complete -c envroi -n "__fish_envroi_needs_command" -a "breakeven" -d 'The value of one input at which the risk-adjusted NPV is zero (and payback meets a target)'
complete -c envroi -n "__fish_envroi_needs_command" -a "assumptions" -d 'The assumption register: every input with its evidence, sorted by NPV swing'
complete -c envroi -n "__fish_envroi_needs_command" -a "switching" -d 'The switching value of every input: where the case stops meeting its target'
complete -c envroi -n "__fish_envroi_needs_command" -a "montecarlo" -d 'Monte Carlo simulation of the risk-adjusted NPV and payback'
complete -c envroi -n "__fish_envroi_needs_command" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c envroi -n "__fish_envroi_using_subcommand check" -l strict -d 'Fail (exit 1) when one of the five inputs with the widest NPV swing has no evidence record or Placeholder evidence; without it, that is a warning'
complete -c envroi -n "__fish_envroi_using_subcommand check" -s h -l help -d 'Print help'
complete -c envroi -n "__fish_envroi_using_subcommand report" -l view -d 'View written to --monthly-csv' -r -f -a "adjusted\t'Risk-adjusted (benefits down by their risk, costs up by theirs)'
unadjusted\t'As entered'"
complete -c envroi -n "__fish_envroi_using_subcommand report" -l monthly-csv -d 'Write the monthly table of the chosen view as CSV' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand report" -l summary-csv -d 'Write the summary of both views as CSV' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand report" -l csv-dialect -d 'How CSV files are written' -r -f -a "standard\t'MODEL.md\'s CSV: `,` between fields, `.` decimals (the exchange format)'
excel-semicolon\t'`;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale'"
complete -c envroi -n "__fish_envroi_using_subcommand report" -l png -d 'Write the payback chart as PNG' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand report" -l html -d 'Write the business case as one self-contained HTML file' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand report" -l date -d 'The date shown on the business case (YYYY-MM-DD); none by default' -r
complete -c envroi -n "__fish_envroi_using_subcommand report" -l xlsx -d 'Write the business case as a workbook of live formulas (XLSX)' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand report" -l width -d 'Chart width in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand report" -l height -d 'Chart height in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand report" -l scale -d 'Pixel scale: 1 or 2 (2 doubles the size for high-density screens and print)' -r
complete -c envroi -n "__fish_envroi_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l csv -d 'Write the comparison table as CSV' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l csv-dialect -d 'How CSV files are written' -r -f -a "standard\t'MODEL.md\'s CSV: `,` between fields, `.` decimals (the exchange format)'
excel-semicolon\t'`;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale'"
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l png -d 'Write the payback curves of every file on one chart as PNG' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l html -d 'Write the options appraisal (the first file is the base case) as one self-contained HTML file' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l date -d 'The date shown on the appraisal (YYYY-MM-DD); none by default' -r
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l width -d 'Chart width in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l height -d 'Chart height in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand compare" -l scale -d 'Pixel scale: 1 or 2 (2 doubles the size for high-density screens and print)' -r
complete -c envroi -n "__fish_envroi_using_subcommand compare" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_using_subcommand sensitivity" -l csv -d 'Write the tornado table as CSV' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand sensitivity" -l csv-dialect -d 'How CSV files are written' -r -f -a "standard\t'MODEL.md\'s CSV: `,` between fields, `.` decimals (the exchange format)'
excel-semicolon\t'`;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale'"
complete -c envroi -n "__fish_envroi_using_subcommand sensitivity" -l png -d 'Write the tornado chart as PNG' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand sensitivity" -l width -d 'Chart width in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand sensitivity" -l height -d 'Chart height in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand sensitivity" -l scale -d 'Pixel scale: 1 or 2 (2 doubles the size for high-density screens and print)' -r
complete -c envroi -n "__fish_envroi_using_subcommand sensitivity" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_using_subcommand breakeven" -l input -d 'Input path, e.g. benefits.tem_services.reduction or costs.<name>.amount' -r
complete -c envroi -n "__fish_envroi_using_subcommand breakeven" -l payback-months -d 'Also find the value at which payback is within this many months' -r
complete -c envroi -n "__fish_envroi_using_subcommand breakeven" -l csv -d 'Write the break-even values as CSV' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand breakeven" -l csv-dialect -d 'How CSV files are written' -r -f -a "standard\t'MODEL.md\'s CSV: `,` between fields, `.` decimals (the exchange format)'
excel-semicolon\t'`;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale'"
complete -c envroi -n "__fish_envroi_using_subcommand breakeven" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_using_subcommand assumptions" -l csv -d 'Write the register as CSV' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand assumptions" -l csv-dialect -d 'How CSV files are written' -r -f -a "standard\t'MODEL.md\'s CSV: `,` between fields, `.` decimals (the exchange format)'
excel-semicolon\t'`;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale'"
complete -c envroi -n "__fish_envroi_using_subcommand assumptions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_using_subcommand switching" -l target -d 'The target: npv (NPV = 0), payback=N (months) or roi=X (a fraction, e.g. 0.15)' -r
complete -c envroi -n "__fish_envroi_using_subcommand switching" -l csv -d 'Write the switching values as CSV' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand switching" -l csv-dialect -d 'How CSV files are written' -r -f -a "standard\t'MODEL.md\'s CSV: `,` between fields, `.` decimals (the exchange format)'
excel-semicolon\t'`;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale'"
complete -c envroi -n "__fish_envroi_using_subcommand switching" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l trials -d 'Number of trials (100 to 1,000,000); default from the file' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l seed -d 'Random seed; default from the file' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l csv -d 'Write the summary as CSV (metric,value)' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l csv-dialect -d 'How CSV files are written' -r -f -a "standard\t'MODEL.md\'s CSV: `,` between fields, `.` decimals (the exchange format)'
excel-semicolon\t'`;` between fields, `,` decimals and a UTF-8 BOM, for Excel and Calc set to a comma-decimal locale'"
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l png -d 'Write the NPV histogram as PNG' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l width -d 'Chart width in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l height -d 'Chart height in pixels' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l scale -d 'Pixel scale: 1 or 2 (2 doubles the size for high-density screens and print)' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l hurdle -d 'Also the probability that NPV >= X (money; CSV row `prob_npv_at_least`)' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l payback-within -d 'Also the probability of payback within N months (CSV row `prob_payback_within`)' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l roi-at-least -d 'Also the probability that ROI >= X, a fraction (CSV row `prob_roi_at_least`)' -r
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l fan-csv -d 'Write the fan chart of cumulative net cash as CSV (month,p10,p50,p90)' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -l fan-png -d 'Draw the fan chart as PNG' -r -F
complete -c envroi -n "__fish_envroi_using_subcommand montecarlo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "check" -d 'Validate scenario files; one line per problem on stderr'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "report" -d 'Print a summary of both views; write the monthly table, summary and chart'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "compare" -d 'Compare scenarios: the risk-adjusted figures side by side'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "sensitivity" -d 'Sensitivity of the risk-adjusted NPV to each uncertainty range (a tornado)'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "breakeven" -d 'The value of one input at which the risk-adjusted NPV is zero (and payback meets a target)'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "assumptions" -d 'The assumption register: every input with its evidence, sorted by NPV swing'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "switching" -d 'The switching value of every input: where the case stops meeting its target'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "montecarlo" -d 'Monte Carlo simulation of the risk-adjusted NPV and payback'
complete -c envroi -n "__fish_envroi_using_subcommand help; and not __fish_seen_subcommand_from check report compare sensitivity breakeven assumptions switching montecarlo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
