# Runs `kiosk --screenshots OUT --language en` and checks a PNG exists for every kind of screen.
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${KIOSK}" --screenshots "${OUT}" --language en RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "kiosk --screenshots failed with ${rc}")
endif()
foreach(screen attract language intro privacy question-info question-consent question-single_choice
        question-multiple_choice question-rating question-scale question-free_text
        question-ranking question-area question-other-keyboard review thank-you still-there
        staff-choose-pin staff-home staff-pin-wrong unavailable)
  file(GLOB found "${OUT}/en/*-${screen}.png")
  if(NOT found)
    message(FATAL_ERROR "no screenshot of the ${screen} screen in ${OUT}/en")
  endif()
endforeach()
